// Land on a fact: open the folded sections around the target, centre it and flash it.
(function () {
  function land() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    target.scrollIntoView({block: "center"});
    var old = document.querySelector(".landed");
    if (old) { old.classList.remove("landed"); }
    target.classList.add("landed");
  }
  window.addEventListener("hashchange", land);
  document.addEventListener("DOMContentLoaded", land);
})();
