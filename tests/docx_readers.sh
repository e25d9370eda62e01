#!/usr/bin/env bash
# Checks that common readers open every .docx below a folder:
#   - python-docx opens it and finds paragraphs and tables (counts printed);
#   - pandoc (PyPI pypandoc-binary) converts it to plain text;
#   - LibreOffice (soffice --headless) renders it to a non-empty PDF.
# Optionally, a file of expected lines: each must occur in pandoc's text, in that order.
# Nothing is written into DIR. With DOCX_READERS_OUT=FOLDER, the PDFs and pandoc texts are kept
# there, to be looked at (e.g. pdftoppm -png -r 60 FOLDER/x.pdf page).
#
# usage: tests/docx_readers.sh DIR [EXPECTED_LINES_FILE]
# needs: python3 with python-docx and pypandoc-binary (pip install python-docx pypandoc-binary),
#        LibreOffice Writer (apt-get install libreoffice-writer).
# Exits non-zero on the first kind of failure it finds, after checking every file.
set -u

usage() { echo "usage: $0 DIR [EXPECTED_LINES_FILE]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
dir=$1
expected=${2:-}
[ -d "$dir" ] || { echo "docx_readers: $dir is not a folder" >&2; exit 2; }
[ -z "$expected" ] || [ -f "$expected" ] || { echo "docx_readers: expected-lines file $expected not found" >&2; exit 2; }

missing=()
python3 -c 'import docx' 2>/dev/null || missing+=("python-docx (pip install python-docx)")
python3 -c 'import pypandoc; pypandoc.get_pandoc_version()' 2>/dev/null || missing+=("pypandoc-binary (pip install pypandoc-binary)")
command -v soffice >/dev/null 2>&1 || missing+=("LibreOffice's soffice (apt-get install libreoffice-writer)")
if [ ${#missing[@]} -gt 0 ]; then
    printf 'docx_readers: missing: %s\n' "${missing[@]}" >&2
    exit 2
fi

mapfile -d '' files < <(find "$dir" -type f -name '*.docx' ! -name '~$*' -print0 | sort -z)
if [ ${#files[@]} -eq 0 ]; then
    echo "docx_readers: no .docx file below $dir" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
keep=${DOCX_READERS_OUT:-}
if [ -n "$keep" ]; then
    mkdir -p "$keep" || { echo "docx_readers: cannot create $keep" >&2; exit 2; }
fi
# A profile of our own, so that a running LibreOffice or a first-start dialog does not interfere.
profile="file://$work/lo-profile"
failures=0

for file in "${files[@]}"; do
    echo "== $file"

    if ! python3 - "$file" <<'PY'
import sys
import docx
d = docx.Document(sys.argv[1])
paragraphs = len(d.paragraphs)
tables = len(d.tables)
print(f"python-docx: {paragraphs} paragraphs, {tables} tables, {len(d.sections)} sections")
if paragraphs == 0:
    sys.exit("python-docx found no paragraph")
PY
    then
        echo "FAIL python-docx cannot read $file" >&2
        failures=$((failures + 1))
    fi

    # Files of the same name in different subfolders get their own outputs.
    stem=$(printf '%s' "${file#"$dir"}" | sed 's|^/*||; s|\.docx$||; s|/|__|g')
    text="$work/$stem.txt"
    if python3 -c 'import sys, pypandoc; sys.stdout.write(pypandoc.convert_file(sys.argv[1], "plain", format="docx"))' "$file" >"$text" 2>"$work/pandoc.err"; then
        echo "pandoc: $(wc -w <"$text") words"
        if [ -n "$expected" ]; then
            if ! python3 - "$text" "$expected" <<'PY'
import sys
text = " ".join(open(sys.argv[1], encoding="utf-8").read().split())
at = 0
for line in open(sys.argv[2], encoding="utf-8"):
    want = " ".join(line.split())
    if not want:
        continue
    found = text.find(want, at)
    if found < 0:
        where = "anywhere" if text.find(want) < 0 else "after the previous expected line"
        sys.exit(f"pandoc text lacks {want!r} ({where})")
    at = found + len(want)
print("pandoc: expected lines found in order")
PY
            then
                echo "FAIL pandoc's text of $file is not as expected" >&2
                failures=$((failures + 1))
            fi
        fi
        [ -z "$keep" ] || cp "$text" "$keep/$stem.pandoc.txt"
    else
        echo "FAIL pandoc cannot convert $file: $(cat "$work/pandoc.err")" >&2
        failures=$((failures + 1))
    fi

    out="$work/pdf"
    rm -rf "$out"
    mkdir -p "$out"
    cp "$file" "$out/$stem.docx"
    pdf="$out/$stem.pdf"
    if timeout 180 soffice -env:UserInstallation="$profile" --headless --norestore \
        --convert-to pdf --outdir "$out" "$out/$stem.docx" >"$work/soffice.log" 2>&1 && [ -s "$pdf" ]; then
        pages=""
        command -v pdfinfo >/dev/null 2>&1 && pages=", $(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages"
        echo "LibreOffice: PDF of $(wc -c <"$pdf") bytes$pages"
        [ -z "$keep" ] || cp "$pdf" "$keep/$stem.pdf"
    else
        echo "FAIL LibreOffice cannot render $file: $(cat "$work/soffice.log")" >&2
        failures=$((failures + 1))
    fi
done

if [ $failures -gt 0 ]; then
    echo "docx_readers: $failures failure(s) in ${#files[@]} file(s)" >&2
    exit 1
fi
echo "docx_readers: ${#files[@]} file(s) read by python-docx, pandoc and LibreOffice"
