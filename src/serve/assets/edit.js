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

  // One value's control: a text area, a list of the form's labels, check boxes, a box, a
  // count. `changed()` tells whether it differs from what the file holds, `text()` what to send.
  function control(part) {
    const wrap = document.createElement(part.kind === "ticks" ? "fieldset" : "div");
    wrap.className = "part " + part.kind;
    if (part.label && part.kind !== "box") {
      const caption = document.createElement(part.kind === "ticks" ? "legend" : "label");
      caption.className = "part-label";
      caption.textContent = part.label;
      wrap.appendChild(caption);
    }
    const c = { path: part.path, element: wrap };
    if (part.kind === "box") {
      const item = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.dataset.path = part.path;
      box.checked = part.value === true;
      item.append(box, document.createTextNode(part.label));
      wrap.appendChild(item);
      c.changed = function () { return box.checked !== (part.value === true); };
      c.text = function () { return box.checked ? "[○]" : ""; };
      c.get = function () { return box.checked; };
      c.set = function (v) { box.checked = v; };
    } else if (part.kind === "ticks") {
      const ticked = part.value || [];
      const boxes = part.options.map(function (label) {
        const item = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.value = label;
        box.checked = ticked.indexOf(label) >= 0;
        item.append(box, document.createTextNode(label));
        wrap.appendChild(item);
        return box;
      });
      c.text = function () {
        return boxes.map(function (b) { return (b.checked ? "[○]" : "[　]") + b.value; }).join("\n");
      };
      c.changed = function () {
        return boxes.some(function (b) { return b.checked !== (ticked.indexOf(b.value) >= 0); });
      };
      c.get = function () { return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }); };
      c.set = function (v) { boxes.forEach(function (b) { b.checked = v.indexOf(b.value) >= 0; }); };
    } else {
      let input;
      if (part.kind === "choice") {
        input = document.createElement("select");
        const blank = document.createElement("option");
        blank.value = "";
        blank.textContent = "—";
        input.appendChild(blank);
        part.options.forEach(function (label) {
          const o = document.createElement("option");
          o.value = label;
          o.textContent = label;
          input.appendChild(o);
        });
      } else if (part.kind === "count") {
        input = document.createElement("input");
        input.type = "number";
        input.min = "0";
      } else {
        input = document.createElement("textarea");
      }
      const was = part.value === null || part.value === undefined ? "" : String(part.value);
      input.value = was;
      if (input.tagName === "TEXTAREA") {
        input.rows = Math.min(20, Math.max(2, was.split("\n").length + 1));
      }
      input.name = part.path;
      input.dataset.path = part.path;
      wrap.appendChild(input);
      c.input = input;
      c.changed = function () { return input.value !== was; };
      c.text = function () { return input.value; };
      c.get = function () { return input.value; };
      c.set = function (v) { input.value = v; };
    }
    return c;
  }

  // The values a row edits: its parts, or its one value (the row's own data).
  function partsOf(row) {
    if (row.dataset.edit === "parts") return JSON.parse(row.dataset.parts || "[]");
    const split = function (s) { return s ? s.split("|") : []; };
    const value = row.dataset.value || "";
    return [{
      path: row.dataset.path,
      label: "",
      kind: row.dataset.edit,
      value: row.dataset.edit === "ticks" ? split(value) : value,
      options: split(row.dataset.options || ""),
    }];
  }

  // `kept`: what was typed into this row's editor before the page followed a change of the
  // file, with the version it was typed against — put back, so that nothing typed is lost and
  // its save is checked against that version (refused, showing the file's value, if the value
  // changed meanwhile; then saved on the new version when tried again).
  function open(row, kept) {
    if (row.querySelector(".editor")) return;
    const cell = row.lastElementChild;
    const st = state();
    const editor = document.createElement("div");
    editor.className = "editor";
    const controls = partsOf(row).map(control);
    editor.version = kept ? kept.version : st.dataset.version;
    editor.controls = controls;
    if (kept) {
      controls.forEach(function (c, i) {
        if (i < kept.values.length) c.set(kept.values[i]);
      });
      // What was typed is what the file now holds: nothing to keep.
      if (!controls.some(function (c) { return c.changed(); })) return;
    }
    controls.forEach(function (c) { editor.appendChild(c.element); });
    const save = document.createElement("button");
    save.type = "button";
    save.className = "save";
    save.textContent = st.dataset.save;
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.textContent = st.dataset.cancel;
    const message = document.createElement("p");
    message.className = "edit-message";
    editor.append(save, cancel, message);
    cell.appendChild(editor);
    const first = controls[0] && (controls[0].input || controls[0].element.querySelector("input"));
    if (first) first.focus();
    cancel.addEventListener("click", function () {
      editor.remove();
    });
    save.addEventListener("click", async function () {
      const sends = controls
        .filter(function (c) { return c.changed(); })
        .map(function (c) { return { path: c.path, text: c.text() }; });
      if (sends.length === 0) {
        editor.remove();
        return;
      }
      save.disabled = true;
      // From here the values are on their way: a swap of the page meanwhile does not keep them.
      editor.saved = true;
      message.textContent = st.dataset.saving;
      let answer = { ok: true, version: editor.version };
      for (const send of sends) {
        answer = await post("/api/set/" + entry.content, {
          version: editor.version,
          path: send.path,
          text: send.text,
        });
        if (!answer.ok) break;
        editor.version = answer.version;
        state().dataset.version = answer.version;
      }
      save.disabled = false;
      if (!answer.ok) editor.saved = false;
      // Refused because the file changed: tried again, it is saved on the file as it is now.
      if (!answer.ok && answer.version) editor.version = answer.version;
      if (answer.ok) {
        // The page refreshes when the server sees the file saved; this editor then goes.
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

  // The page follows a change of the file: editors with something typed come back, as typed.
  let typing = [];
  let listsOpen = true;
  live.addEventListener("hyoka:before-refresh", function () {
    const lists = document.getElementById("lists");
    if (lists) listsOpen = lists.open;
    typing = Array.from(live.querySelectorAll(".editor"))
      .filter(function (ed) {
        return !ed.saved && ed.controls && ed.controls.some(function (c) { return c.changed(); });
      })
      .map(function (ed) {
        return {
          path: ed.closest("tr").dataset.path,
          version: ed.version,
          values: ed.controls.map(function (c) { return c.get(); }),
        };
      });
  });
  live.addEventListener("hyoka:refreshed", function () {
    // 一覧 stays folded, or open, as the user left it.
    const lists = document.getElementById("lists");
    if (lists) lists.open = listsOpen;
    typing.forEach(function (kept) {
      const row = live.querySelector('tr[data-edit][data-path="' + CSS.escape(kept.path) + '"]');
      if (row) open(row, kept);
    });
    typing = [];
  });

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

  // 一覧: a list's entries added, moved and removed; a removal first shows what goes with it
  // (the entries inside it, the blocks that name it), and waits for 削除する.
  let pending = null;
  live.addEventListener("click", async function (e) {
    const button = e.target.closest("#lists button");
    if (!button) return;
    const confirmBox = document.getElementById("list-confirm");
    const message = document.getElementById("list-message");
    let body = null;
    if (button.id === "list-confirm-no") {
      confirmBox.hidden = true;
      pending = null;
      return;
    } else if (button.id === "list-confirm-yes") {
      body = pending;
      pending = null;
      confirmBox.hidden = true;
    } else {
      const op = button.dataset.op;
      const item = button.closest("li");
      const list = button.closest(".list");
      if (op === "add") {
        body = { op: "add", path: list.dataset.list, kind: button.dataset.kind || null };
      } else if (op === "up" || op === "down") {
        const to = Number(item.dataset.index) + (op === "up" ? -1 : 1);
        body = { op: "move", path: item.dataset.entry, to: to };
      } else if (op === "remove") {
        pending = { op: "remove", path: item.dataset.entry };
        confirmBox.querySelector(".what").textContent =
          confirmBox.dataset.prompt.replace("{title}", item.dataset.title);
        const goes = confirmBox.querySelector(".goes");
        goes.textContent = "";
        (item.dataset.dependants || "").split("\n").filter(Boolean).forEach(function (line) {
          const li = document.createElement("li");
          li.textContent = line;
          goes.appendChild(li);
        });
        // Under the entry clicked, where the eye is.
        item.appendChild(confirmBox);
        confirmBox.hidden = false;
        return;
      }
    }
    if (!body) return;
    body.version = state().dataset.version;
    message.textContent = state().dataset.saving;
    const answer = await post("/api/list/" + entry.content, body);
    message.textContent = answer.ok ? "" : answer.error || "";
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
