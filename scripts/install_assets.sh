#!/usr/bin/env bash
# Install the map's front-end files (Leaflet, jQuery, the fullscreen control and
# Natural Earth outlines) from the npm registry into static/vendor/, which
# Streamlit serves at /app/static/vendor/. Nothing installed here is committed.
#
# package.json is the single manifest: "dependencies" pins exact versions and
# "vendorFiles" maps each served file (under static/vendor/) to its place in the
# npm package; geo/assets.py reads the same map to tell the app what is missing.
#
# Idempotent: a stamp holding package.json's checksum is written last, so a
# finished install is skipped in milliseconds and an interrupted one is redone.
set -euo pipefail

cd "$(dirname "$0")/.."
vendor=static/vendor
stamp=$vendor/.installed

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "install_assets: node and npm are needed (Debian: apt-get install nodejs npm)" >&2
    exit 1
fi

# "dest<TAB>src" lines from package.json's vendorFiles.
manifest() {
    node -e '
        const files = require(process.argv[1]).vendorFiles;
        for (const [dest, src] of Object.entries(files)) console.log(`${dest}\t${src}`);
    ' "$PWD/package.json"
}

# Every installed file must match package.json's "integrity" (the same sha384 the
# browser checks when it takes these files from the CDN on a pip-only host), so the
# offline copy and the CDN copy are provably the same bytes.
verify() {
    node -e '
        const fs = require("fs"), crypto = require("crypto"), path = require("path");
        const [manifest, vendor] = process.argv.slice(1);
        const { vendorFiles, integrity } = require(manifest);
        let bad = 0;
        for (const dest of Object.keys(vendorFiles)) {
            const digest = "sha384-" + crypto.createHash("sha384").update(fs.readFileSync(path.join(vendor, dest))).digest("base64");
            if (digest !== integrity[dest]) { console.error(`install_assets: ${dest}: ${digest} is not package.json integrity ${integrity[dest]}`); bad++; }
        }
        process.exit(bad ? 1 : 0);
    ' "$PWD/package.json" "$PWD/$vendor"
}

# Files also installed as "<file>.gz" (package.json gzippedCopies).
gzipped_copies() {
    node -e 'for (const file of require(process.argv[1]).gzippedCopies || []) console.log(file);' "$PWD/package.json"
}

want=$(sha256sum package.json | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
    complete=yes
    while IFS=$'\t' read -r dest _; do
        [[ -s $vendor/$dest ]] || { complete=no; break; }
    done < <(manifest)
    while read -r file; do
        [[ -s $vendor/$file.gz ]] || complete=no
    done < <(gzipped_copies)
    if [[ $complete == yes ]]; then
        echo "install_assets: $vendor is up to date"
        exit 0
    fi
fi

# Install in a scratch directory so the repo never gets node_modules/ or a
# lock file; --ignore-scripts because we only copy files out of the packages.
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
cp package.json "$build/"
echo "install_assets: npm install (exact pins from package.json)"
(cd "$build" && npm install --no-package-lock --ignore-scripts --no-audit --no-fund \
    --loglevel=error)

rm -rf "$vendor"
count=0
while IFS=$'\t' read -r dest src; do
    if [[ ! -f $build/node_modules/$src ]]; then
        echo "install_assets: $src is not in the npm package (package.json vendorFiles)" >&2
        exit 1
    fi
    mkdir -p "$(dirname "$vendor/$dest")"
    cp "$build/node_modules/$src" "$vendor/$dest"
    count=$((count + 1))
done < <(manifest)
verify || { rm -rf "$vendor"; exit 1; }
# Served as they are (application/gzip): Streamlit gzips every other /app/static response
# again on every request, which for the 740 KB outlines cost 20 ms of server CPU per visitor.
# -n leaves name and time out, so the same file gives the same bytes.
while read -r file; do
    gzip -9 -n -c "$vendor/$file" >"$vendor/$file.gz"
    count=$((count + 1))
done < <(gzipped_copies)
echo "$want" >"$stamp"
echo "install_assets: installed $count files into $vendor ($(du -sh "$vendor" | cut -f1))"
