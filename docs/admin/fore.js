// Read before decap-cms.js.
// 1. The CMS starts only once our Swedish words and checks are registered (start.js).
window.CMS_MANUAL_INIT = true;
// 2. The form's state for start.js's checks (which actions have a report, the signed-in user):
// Decap builds its Redux store with redux-devtools-extension's composeWithDevTools, which
// takes its enhancer from this documented hook when it is present.
(function () {
  "use strict";
  var form = (window.borasForm = {});
  window.__REDUX_DEVTOOLS_EXTENSION_COMPOSE__ = function () {
    var enhancers = Array.prototype.slice.call(arguments);
    return function (createStore) {
      return function () {
        var chain = enhancers.reduceRight(function (next, enhancer) { return enhancer(next); }, createStore);
        form.store = chain.apply(null, arguments);
        return form.store;
      };
    };
  };
})();
