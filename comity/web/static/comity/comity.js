// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  // --- Nothing typed is lost -----------------------------------------------------------------
  // A form with data-guard="<key>" asks before the page is left with changes not saved, and keeps
  // a copy of what was typed in this tab (sessionStorage), offered back if the page is reloaded,
  // left for another language or reached again with the back button. data-unsaved marks a form
  // the server sent back without saving it (errors, a conflict): it counts as changed from the
  // start. The words shown come from the page (data-restore-*), in the user's language.
  var STORE_PREFIX = "comity.unsaved.";
  var leaving = false;

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.name !== "version" &&
        el.type !== "submit" && el.type !== "button" && el.type !== "file" && el.type !== "hidden";
    });
  }

  function stateOf(form) {
    var state = {};
    fieldsOf(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        state[el.name + "=" + el.value] = el.checked;
      } else if (el.tagName === "SELECT" && el.multiple) {
        state[el.name] = Array.prototype.map.call(el.selectedOptions, function (o) { return o.value; });
      } else {
        state[el.name] = el.value;
      }
    });
    return state;
  }

  function restore(form, state) {
    fieldsOf(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        var key = el.name + "=" + el.value;
        if (key in state) { el.checked = state[key]; }
      } else if (el.tagName === "SELECT" && el.multiple) {
        if (el.name in state) {
          Array.prototype.forEach.call(el.options, function (o) { o.selected = state[el.name].indexOf(o.value) >= 0; });
        }
      } else if (el.name in state) {
        el.value = state[el.name];
      }
    });
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  function guard(form) {
    var key = STORE_PREFIX + form.getAttribute("data-guard");
    var store = storage();
    var initial = JSON.stringify(stateOf(form));
    var dirty = form.hasAttribute("data-unsaved");
    var kept = store && store.getItem(key);
    if (kept) {
      var copy = JSON.parse(kept);
      if (JSON.stringify(copy.state) === initial) {
        store.removeItem(key);
      } else {
        offerRestore(form, copy, function () { restore(form, copy.state); dirty = true; }, function () { store.removeItem(key); });
      }
    }
    function update() {
      var now = JSON.stringify(stateOf(form));
      dirty = form.hasAttribute("data-unsaved") || now !== initial;
      if (!store) { return; }
      if (now !== initial) {
        store.setItem(key, JSON.stringify({ state: stateOf(form), at: new Date().toISOString() }));
      } else {
        store.removeItem(key);
      }
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function () { leaving = true; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty && !leaving) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    window.addEventListener("pageshow", function () { leaving = false; });
  }

  function offerRestore(form, copy, onRestore, onDiscard) {
    var box = document.createElement("div");
    box.className = "notice notice-warn restore-offer";
    box.setAttribute("role", "status");
    var text = document.createElement("span");
    var when = new Date(copy.at);
    text.textContent = (form.getAttribute("data-restore-text") || "") + " " +
      (isNaN(when) ? "" : "(" + when.toLocaleString(document.documentElement.lang || undefined) + ")");
    var yes = document.createElement("button");
    yes.type = "button";
    yes.textContent = form.getAttribute("data-restore-button") || "Restore";
    var no = document.createElement("button");
    no.type = "button";
    no.className = "button-secondary button";
    no.textContent = form.getAttribute("data-discard-button") || "Discard";
    yes.addEventListener("click", function () { onRestore(); box.remove(); });
    no.addEventListener("click", function () { onDiscard(); box.remove(); });
    box.appendChild(text);
    box.appendChild(yes);
    box.appendChild(no);
    form.parentNode.insertBefore(box, form);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-guard]"), guard);
  });

  // <button data-copy-target="id">: copy the text of the element with that id.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy-target]") : null;
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    if (!source) {
      return;
    }
    var text = source.innerText.trim();
    var done = function () {
      var status = document.getElementById(button.getAttribute("aria-describedby") || "");
      if (status) {
        status.textContent = button.getAttribute("data-copied-label") || "";
      }
      button.setAttribute("data-copied", "true");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        fallbackCopy(text);
        done();
      });
    } else {
      fallbackCopy(text);
      done();
    }
  });

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    try {
      document.execCommand("copy");
    } catch (e) {
      /* the text stays selectable on the page */
    }
    document.body.removeChild(area);
  }
})();

// The review step: say plainly when the document language differs from the language of the text.
(function () {
  "use strict";
  var select = document.querySelector("select[data-text-language]");
  var note = document.querySelector("[data-differs-note]");
  if (!select || !note) {
    return;
  }
  function update() {
    note.hidden = select.value === select.getAttribute("data-text-language");
  }
  select.addEventListener("change", update);
  update();
})();

// The library's document form: show the details of the chosen type of document only. Details of
// the other types stay in the page (hidden), so switching back keeps what was typed.
(function () {
  "use strict";
  var form = document.querySelector("form[data-type-switch]");
  if (!form) {
    return;
  }
  var select = form.querySelector("select[name=type]");
  function update() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-for-type]"), function (set) {
      set.hidden = set.getAttribute("data-for-type") !== select.value;
    });
  }
  select.addEventListener("change", update);
  form.addEventListener("change", update);
  update();
})();

// The informal channel's message form: the protected person's fields only for witness
// protection (kept in the page while hidden, so switching back keeps what was typed).
(function () {
  "use strict";
  var form = document.querySelector("form[data-kind-switch]");
  if (!form) {
    return;
  }
  var select = form.querySelector("select[name=kind]");
  function update() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-for-kind]"), function (set) {
      set.hidden = set.getAttribute("data-for-kind") !== select.value;
    });
  }
  select.addEventListener("change", update);
  update();
})();
