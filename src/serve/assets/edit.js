// hyoka serve --edit: the form as the editor. A value row the server marks (data-edit) opens a
// text area, or a list of the form's labels, in place; 保存 sends the text with the file's
// version and the page's token, and the page follows the saved file as it follows any save.
// Values go in and out as text (textContent, .value): nothing typed becomes markup.
"use strict";
(function () {
  const token = document.querySelector('meta[name="hyoka-token"]');
  const entry = document.querySelector('meta[name="hyoka-entry"]');
  if (!token) return;
  const live = document.getElementById("live");

  // The index: 新規作成 makes a new assessment from the form's scaffold and opens it.
  const create = document.getElementById("new-assessment");
  if (create) {
    create.addEventListener("click", async function () {
      const answer = await post("/api/new", {
        name: document.getElementById("new-name").value,
        form: document.getElementById("new-form").value,
      });
      if (answer.ok && answer.page) {
        window.location.href = answer.page;
        return;
      }
      document.getElementById("new-message").textContent = answer.error || "";
    });
  }
  if (!entry) return;

  function state() {
    return document.getElementById("edit-state");
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Hyoka-Token": token.content },
      body: JSON.stringify(body),
    });
    let answer = {};
    try {
      answer = await response.json();
    } catch (e) {
      answer = { error: response.status + " " + response.statusText };
    }
    answer.ok = response.ok;
    return answer;
  }

  function open(row) {
    if (row.querySelector(".editor")) return;
    const cell = row.lastElementChild;
    const st = state();
    const editor = document.createElement("div");
    editor.className = "editor";
    let input;
    if (row.dataset.edit === "choice") {
      input = document.createElement("select");
      const blank = document.createElement("option");
      blank.value = "";
      blank.textContent = "—";
      input.appendChild(blank);
      (row.dataset.options || "").split("|").forEach(function (label) {
        const o = document.createElement("option");
        o.value = label;
        o.textContent = label;
        input.appendChild(o);
      });
      input.value = row.dataset.value || "";
    } else if (row.dataset.edit === "boxes") {
      // Yes/no boxes, each its own item: saved one by one, those that changed.
      input = document.createElement("fieldset");
      (row.dataset.boxes || "").split("|").forEach(function (spec) {
        const [path, on, label] = spec.split("\t");
        const item = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.dataset.path = path;
        box.dataset.was = on;
        box.checked = on === "1";
        item.append(box, document.createTextNode(label));
        input.appendChild(item);
      });
      input.changes = function () {
        return Array.from(input.querySelectorAll("input"))
          .filter(function (b) { return (b.checked ? "1" : "0") !== b.dataset.was; })
          .map(function (b) { return { path: b.dataset.path, text: b.checked ? "[○]" : "" }; });
      };
    } else if (row.dataset.edit === "ticks") {
      // Check boxes; sent as the form prints them, one 「[○]label」 or 「[　]label」 a line.
      input = document.createElement("fieldset");
      const ticked = (row.dataset.value || "").split("|");
      (row.dataset.options || "").split("|").forEach(function (label) {
        const item = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.value = label;
        box.checked = ticked.indexOf(label) >= 0;
        item.append(box, document.createTextNode(label));
        input.appendChild(item);
      });
      input.textValue = function () {
        return Array.from(input.querySelectorAll("input")).map(function (b) {
          return (b.checked ? "[○]" : "[　]") + b.value;
        }).join("\n");
      };
    } else {
      input = document.createElement("textarea");
      input.value = row.dataset.value || "";
      input.rows = Math.min(20, Math.max(2, input.value.split("\n").length + 1));
    }
    if (input.name !== undefined) input.name = row.dataset.path;
    const save = document.createElement("button");
    save.type = "button";
    save.className = "save";
    save.textContent = st.dataset.save;
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.textContent = st.dataset.cancel;
    const message = document.createElement("p");
    message.className = "edit-message";
    editor.append(input, save, cancel, message);
    cell.appendChild(editor);
    input.focus();
    cancel.addEventListener("click", function () {
      editor.remove();
    });
    save.addEventListener("click", async function () {
      save.disabled = true;
      message.textContent = st.dataset.saving;
      const sends = input.changes
        ? input.changes()
        : [{ path: row.dataset.path, text: input.textValue ? input.textValue() : input.value }];
      let answer = { ok: true, version: state().dataset.version };
      for (const send of sends) {
        answer = await post("/api/set/" + entry.content, {
          version: state().dataset.version,
          path: send.path,
          text: send.text,
        });
        if (!answer.ok) break;
        state().dataset.version = answer.version;
      }
      save.disabled = false;
      if (answer.ok) {
        // The page refreshes when the server sees the file saved.
        state().dataset.version = answer.version;
        document.body.dataset.saved = answer.version;
        message.textContent = "";
        return;
      }
      message.textContent = answer.error || "";
      if (answer.current !== undefined && answer.current !== null) {
        const now = document.createElement("span");
        now.className = "current";
        now.textContent = " → " + answer.current;
        message.appendChild(now);
      }
    });
  }

  live.addEventListener("click", function (e) {
    if (e.target.closest(".editor")) return;
    const row = e.target.closest("tr[data-edit]");
    if (row) open(row);
  });

  const toggle = document.getElementById("show-yaml");
  if (toggle) {
    toggle.addEventListener("click", function () {
      const on = document.body.classList.toggle("show-yaml");
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  // The changes tab: 変更箇所に追記 writes its rows, with their 変更日, into the history.
  live.addEventListener("click", async function (e) {
    const button = e.target.closest("#append-history");
    if (!button) return;
    const out = document.getElementById("append-message");
    const rev = document.getElementById("rev");
    const effective = document.getElementById("effective");
    out.textContent = state().dataset.saving;
    const answer = await post("/api/history/" + entry.content, {
      version: state().dataset.version,
      rev: rev ? rev.value : "HEAD",
      effective: effective ? effective.value : "",
      date: document.getElementById("change-date").value,
    });
    out.textContent = answer.ok ? "" : answer.error || "";
    if (answer.ok) {
      state().dataset.version = answer.version;
      document.body.dataset.saved = answer.version;
    }
  });

  const undo = document.getElementById("undo");
  if (undo) {
    undo.addEventListener("click", async function () {
      const answer = await post("/api/undo/" + entry.content, { version: state().dataset.version });
      const out = document.getElementById("undo-message");
      if (out) out.textContent = answer.ok ? "" : answer.error || "";
    });
  }
})();
