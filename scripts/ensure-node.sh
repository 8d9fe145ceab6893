# Sourced by scripts/run.sh and .ci/run: makes Node 24 the `node` on PATH.
# When the machine's Node is older, the npm registry's `node` package installs a real Node 24
# binary into .tools/ (once); nothing else on the machine changes.
want=24
have=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$have" != "$want" ]; then
  tools="$(pwd)/.tools"
  if [ ! -x "$tools/node_modules/.bin/node" ] || [ "$("$tools/node_modules/.bin/node" -p 'process.versions.node.split(".")[0]')" != "$want" ]; then
    echo "secdesk: installing Node $want into .tools/ (the machine has Node $have)" >&2
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-save --no-package-lock --loglevel=error "node@$want" >&2
  fi
  PATH="$tools/node_modules/.bin:$PATH"
  export PATH
fi
