if (typeof window.requirejs === 'undefined') {
  window.requirejs = function (deps, callback) { if (typeof callback === 'function') callback(window.Plotly); };
  window.requirejs.config = function () { return window.requirejs; };
  if (typeof window.require === 'undefined') window.require = window.requirejs;
}