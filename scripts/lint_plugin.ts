// Copyright 2026 the sectorkit authors. MIT license.
/**
 * Project lint rules: FFI (dlopen and the Unsafe* classes of the Deno namespace) only under ffi/, and no Deno namespace at all
 * under lib/ (the portable check enforces the latter by types too).
 *
 * @module
 */
const plugin: Deno.lint.Plugin = {
  name: "sectorkit",
  rules: {
    "ffi-only-in-ffi-dir": {
      create(context) {
        const file = context.filename.replaceAll("\\", "/");
        const inFfi = /\/ffi\//.test(file);
        const inTests = /\/(tests|bench|scripts)\//.test(file);
        return {
          MemberExpression(node) {
            if (inFfi || inTests) return;
            if (node.object.type !== "Identifier" || node.object.name !== "Deno") return;
            if (node.property.type !== "Identifier") return;
            const name = node.property.name;
            if (name === "dlopen" || name.startsWith("Unsafe")) {
              context.report({ node, message: `Deno.${name} is only allowed under ffi/` });
            }
          },
        };
      },
    },
    "no-deno-in-lib": {
      create(context) {
        const file = context.filename.replaceAll("\\", "/");
        if (!/\/lib\//.test(file)) return {};
        return {
          Identifier(node) {
            if (node.name === "Deno") {
              context.report({
                node,
                message: "lib/ is portable: no Deno.* (use the Platform interfaces)",
              });
            }
          },
        };
      },
    },
  },
};
export default plugin;
