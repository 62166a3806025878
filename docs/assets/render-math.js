// Typesets the TeX that the export left in .math elements (Markdown cells and Markdown outputs) with KaTeX.
(function () {
  var delimited = /^\\\(([\s\S]*)\\\)$|^\\\[([\s\S]*)\\\]$/;
  var nodes = document.querySelectorAll('.md .math');
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var tex = el.textContent.trim();
    var m = delimited.exec(tex);
    if (m) tex = m[1] !== undefined ? m[1] : m[2];
    var display = el.tagName === 'DIV' || el.classList.contains('display');
    try {
      katex.render(tex, el, { displayMode: display, throwOnError: false });
    } catch (e) {
      el.classList.add('math-error');
      el.title = String(e);
    }
  }
  document.documentElement.setAttribute('data-math', 'done');
})();
