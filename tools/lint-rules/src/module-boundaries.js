'use strict';
// Who may import whom, from where the importing file sits in the workspace:
// - a service imports contracts and libs, never another service or the dashboard;
// - a library imports no service and no dashboard, except the test harness, whose job is starting services;
// - the dashboard imports no service (its tests start them through the harness).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Libraries allowed to start services: they are test infrastructure, never shipped code. */
const HARNESS_LIBS = new Set(['harness']);

/** `@guildhall/xp` → `services/xp`: a workspace package name says where it lives. */
function workspacePackages() {
  const out = new Map();
  for (const group of ['apps', 'libs', 'services', 'tools']) {
    const dir = path.join(ROOT, group);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      const manifest = path.join(dir, name, 'package.json');
      if (!fs.existsSync(manifest)) continue;
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      if (pkg.name) out.set(pkg.name, { group, name });
    }
  }
  return out;
}

/** The workspace project a path belongs to, e.g. `{ group: 'services', name: 'xp' }`. */
function projectOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep);
  if (rel[0] === '..' || rel.length < 2) return undefined;
  if (!['apps', 'libs', 'services', 'tools'].includes(rel[0])) return undefined;
  return { group: rel[0], name: rel[1] };
}

function targetOf(source, importer, packages) {
  if (source.startsWith('.')) return projectOf(path.resolve(path.dirname(importer), source));
  const match = /^(@[^/]+\/[^/]+|[^@/][^/]*)/.exec(source);
  return match ? packages.get(match[1]) : undefined;
}

/** Why `from` may not import `to`, or undefined when it may. */
function violation(from, to) {
  if (!to || (to.group === from.group && to.name === from.name)) return undefined;
  const isService = to.group === 'services';
  const isDashboard = to.group === 'apps';
  if (!isService && !isDashboard) return undefined;
  const what = isService ? `the ${to.name} service` : `the ${to.name} app`;
  if (from.group === 'services') return `a service never imports ${what}: talk through events or HTTP`;
  if (from.group === 'libs' && !HARNESS_LIBS.has(from.name)) return `a library never imports ${what}`;
  if (from.group === 'apps' && isService)
    return `the dashboard never imports ${what}: call its HTTP API (tests: @guildhall/harness)`;
  if (from.group === 'tools' && from.name !== 'lint-rules')
    return `a tool never imports ${what}: start it through @guildhall/harness`;
  return undefined;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Services, libraries and apps import only what the architecture allows' },
    schema: [],
    messages: { forbidden: "'{{source}}': {{why}}." },
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const from = projectOf(path.resolve(filename));
    if (!from) return {};
    const packages = workspacePackages();
    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const why = violation(from, targetOf(node.value, path.resolve(filename), packages));
      if (why) context.report({ node, messageId: 'forbidden', data: { source: node.value, why } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference && node.moduleReference.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};
