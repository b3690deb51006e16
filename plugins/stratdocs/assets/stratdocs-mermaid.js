/* stratdocs: draws the diagrams with themes other than Material (which draws pre.mermaid itself).
   mermaid would read the <code> inside our <pre> as diagram text: give it the text alone. */
(function () {
  function draw() {
    var nodes = [];
    document.querySelectorAll("pre.mermaid").forEach(function (pre) {
      var div = document.createElement("div");
      div.className = pre.className;
      div.textContent = pre.textContent;
      pre.replaceWith(div);
      nodes.push(div);
    });
    if (window.mermaid && nodes.length) {
      window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
      window.mermaid.run({ nodes: nodes });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
