'use strict';
// The workspace's own ESLint rules, as a flat-config plugin: `plugins: { guildhall: require(...) }`.
module.exports = { rules: { 'module-boundaries': require('./module-boundaries') } };
