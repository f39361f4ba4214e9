# Sourced by .ci/run (and usable by hand): makes sure Node.js 22+ is first on PATH and that
# native add-ons (better-sqlite3) build against its headers. Where the system Node is older,
# Node 22 comes from the npm registry's `node` package, which ships the headers node-gyp needs.
NODE22_VERSION=22.23.3
NODE22_PREFIX="${NODE22_PREFIX:-$HOME/.cache/returndesk-node22}"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 22 ]; then
  if [ ! -x "$NODE22_PREFIX/bin/node" ]; then
    npm install --global --prefix "$NODE22_PREFIX" "node@$NODE22_VERSION" >/dev/null
  fi
  export PATH="$NODE22_PREFIX/bin:$PATH"
fi
# node-gyp must use the running Node's headers, not an older system copy named in ~/.npmrc.
# (The npm `node` package keeps them in its node-linux-<arch> dependency.)
NODE_HEADERS_DIR="$(node -p '
  const path = require("path"), fs = require("fs");
  const root = path.resolve(process.execPath, "..", "..");
  [root, path.join(root, "node_modules", `node-${process.platform}-${process.arch}`)]
    .find((dir) => fs.existsSync(path.join(dir, "include", "node", "node_api.h"))) ?? ""')"
if [ -n "$NODE_HEADERS_DIR" ]; then
  export npm_config_nodedir="$NODE_HEADERS_DIR"
fi
echo "Using Node $(node --version) from $(command -v node)"
