# Sourced by the extraction benchmarks: sets `venv` to a virtual environment under ~/.cache with
# trafilatura 2.3.1 (and lxml), installing it from PyPI on first use.
venv="$HOME/.cache/mekong-bench-venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import trafilatura' 2>/dev/null; then
  python3 -m venv "$venv"
  # justext (a trafilatura dependency) needs lxml_html_clean, which newer lxml no longer bundles.
  "$venv/bin/pip" install -q trafilatura==2.3.1 lxml_html_clean
fi
