// hyoka serve: keeps the open page current. When the server reports that the file this page
// shows was saved, the live part is fetched again and swapped in place, keeping the scroll
// position; nothing else on the page (and no state of this script) is reloaded. A part that is
// the same as the one shown is not swapped (a save can be reported more than once), and the
// editor's script hears of each swap (`hyoka:before-refresh`, `hyoka:refreshed`) to keep what
// is being typed.
"use strict";
(function () {
  const live = document.getElementById("live");
  let version = 0;
  let shown = null;

  async function refresh() {
    const src = live.dataset.src;
    if (!src) return;
    const y = window.scrollY;
    const response = await fetch(src, { cache: "no-store" });
    if (!response.ok) return;
    const html = await response.text();
    if (html === shown) return;
    shown = html;
    live.dispatchEvent(new CustomEvent("hyoka:before-refresh"));
    live.innerHTML = html;
    live.dispatchEvent(new CustomEvent("hyoka:refreshed"));
    window.scrollTo(0, y);
    version += 1;
    document.body.dataset.version = String(version);
    wire();
  }

  // Each copy button copies the text area its `data-copies` names (the Markdown table, the
  // rows for Excel's 変更箇所 sheet).
  function wire() {
    document.querySelectorAll("button[data-copies]").forEach(function (copy) {
      const area = document.getElementById(copy.dataset.copies);
      if (!area) return;
      copy.addEventListener("click", async function () {
        try {
          await navigator.clipboard.writeText(area.value);
        } catch (e) {
          area.select();
          document.execCommand("copy");
        }
        copy.textContent = copy.dataset.done;
      });
    });
  }

  wire();
  if (live && live.dataset.src && window.EventSource) {
    const events = new EventSource("/events");
    events.addEventListener("change", function (e) {
      const watch = live.dataset.watch;
      if (watch === "*" || e.data === "*" || e.data === watch) refresh();
    });
  }
})();
