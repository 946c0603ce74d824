// Read before decap-cms.js: start the CMS only once the Swedish additions are registered (start.js).
window.CMS_MANUAL_INIT = true;
