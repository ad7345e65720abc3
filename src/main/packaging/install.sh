#!/bin/sh
# Installs this Tincan app image for the current user, leaving the image where it is:
#
#   ./install.sh              tincan on the PATH, in the desktop's menu, and completed by bash and zsh
#   ./install.sh --uninstall  removes all of that again (the image itself stays)
#
# Files go under $XDG_DATA_HOME (~/.local/share) and ~/.local/bin. The image's class data
# archives fit it where it was built; moved elsewhere it runs as well, a little slower to start.
set -eu
image=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd -P)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=$HOME/.local/bin
files="$bin/tincan $data/applications/dev.tincan.Tincan.desktop $data/icons/hicolor/256x256/apps/tincan.png
$data/bash-completion/completions/tincan $data/zsh/site-functions/_tincan"

if [ "${1-}" = --uninstall ]; then
    for f in $files; do
        rm -f "$f"
    done
    echo "removed tincan from $bin, the menu and the completions; $image is left as it is."
    exit 0
elif [ $# -gt 0 ]; then
    echo "install.sh: unknown argument '$1': run it without arguments to install, or with --uninstall." >&2
    exit 2
fi

mkdir -p "$bin" "$data/applications" "$data/icons/hicolor/256x256/apps" "$data/bash-completion/completions" \
    "$data/zsh/site-functions"
ln -sf "$image/bin/tincan" "$bin/tincan"
sed "s|^Exec=tincan|Exec=\"$image/bin/tincan\"|" "$image/share/applications/dev.tincan.Tincan.desktop" \
    >"$data/applications/dev.tincan.Tincan.desktop"
cp "$image/share/icons/hicolor/256x256/apps/tincan.png" "$data/icons/hicolor/256x256/apps/tincan.png"
cp "$image/share/bash-completion/completions/tincan" "$data/bash-completion/completions/tincan"
cp "$image/share/zsh/site-functions/_tincan" "$data/zsh/site-functions/_tincan"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true

echo "installed: $bin/tincan, Tincan in the desktop's menu, and completion for bash and zsh."
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "note: $bin is not on your PATH; add it, e.g. in ~/.profile: PATH=\"\$HOME/.local/bin:\$PATH\"" ;;
esac
echo "zsh: completion needs $data/zsh/site-functions in fpath, before compinit in ~/.zshrc:"
echo "  fpath+=($data/zsh/site-functions)"
