// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

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
