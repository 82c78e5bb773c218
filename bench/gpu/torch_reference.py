"""PyTorch eager reference for the GPU bar (run-gpu-bar.sh): the same BERT classifier, texts, tokenizer and batch sizes as
the runner's manifest, timed and metered the way the runner is.

Texts are tokenized before the window (tokenizers' BertWordPieceTokenizer, padding to the batch's longest text, at most MAX_LENGTH tokens,
as the runner pads); inside it: inputs to the GPU, the forward pass and predictions back to the host, over all texts until
the window lasts MIN_WINDOW seconds; warm-up batches before it. The runner tokenizes inside its window, so the bar is
stricter on the runner than on PyTorch. Energy: NVML's total-energy counter of GPU 0 read before and after the window
(the counter the runner's meter reads), through ctypes; nothing on the card is configured.
"""
import json, os, sys, time

import torch
from tokenizers import BertWordPieceTokenizer
from transformers import BertForSequenceClassification

from nvml import Nvml  # bench/gpu/nvml.py, beside this script

MODEL_DIR, TEXTS, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
BATCHES = [int(b) for b in os.environ.get("BATCHES", "1 32 256").split()]
MIN_WINDOW = float(os.environ.get("MIN_WINDOW_SECONDS", "5"))
MAX_LENGTH = int(os.environ.get("MAX_LENGTH", "128"))
WARMUP = int(os.environ.get("WARMUP_BATCHES", "5"))
PRECISIONS = os.environ.get("PRECISIONS", "fp32 fp16").split()




def encode(tokenizer, texts):
    encoded = tokenizer.encode_batch(texts)
    return {"input_ids": torch.tensor([e.ids for e in encoded]), "attention_mask": torch.tensor([e.attention_mask for e in encoded]),
            "token_type_ids": torch.tensor([e.type_ids for e in encoded])}


def main():
    texts = [json.loads(line)["text"] for line in open(TEXTS, encoding="utf-8")]
    tokenizer = BertWordPieceTokenizer(os.path.join(MODEL_DIR, "vocab.txt"), lowercase=True)
    tokenizer.enable_truncation(max_length=MAX_LENGTH)
    tokenizer.enable_padding()  # to the longest text of each batch, as the runner pads
    torch.backends.cuda.matmul.allow_tf32 = False  # fp32 means fp32, as in the runner's manifest (tf32: false)
    torch.backends.cudnn.allow_tf32 = False
    nvml, rows = Nvml(), []
    for precision in PRECISIONS:
        # The weights the ONNX models were exported from, with PyTorch's default attention (SDPA): what its users run.
        model = BertForSequenceClassification.from_pretrained(os.path.join(MODEL_DIR, "pytorch"), local_files_only=True).eval().cuda()
        if precision == "fp16":
            model = model.half()
        with torch.inference_mode():
            for batch in BATCHES:
                batches = [encode(tokenizer, texts[start:start + batch]) for start in range(0, len(texts), batch)]

                def run(encoded):
                    logits = model(**{k: v.cuda(non_blocking=True) for k, v in encoded.items()}).logits
                    return logits.argmax(-1).cpu()  # predictions come back to the host, as the runner's do

                for i in range(WARMUP):
                    run(batches[i % len(batches)])
                torch.cuda.synchronize()
                energy_before, started, samples = nvml.millijoules(), time.perf_counter(), 0
                while samples == 0 or time.perf_counter() - started < MIN_WINDOW:
                    for encoded in batches:
                        run(encoded)
                        samples += encoded["input_ids"].shape[0]
                torch.cuda.synchronize()
                seconds, joules = time.perf_counter() - started, (nvml.millijoules() - energy_before) / 1000
                rows.append({"runtime": "pytorch-eager", "precision": precision, "batchSize": batch, "samples": samples,
                             "seconds": seconds, "samplesPerSecond": samples / seconds, "joules": joules,
                             "joulesPerSample": joules / samples, "averageWatts": joules / seconds})
                print(json.dumps(rows[-1]), flush=True)
        del model
        torch.cuda.empty_cache()
    json.dump({"torch": torch.__version__, "gpu": torch.cuda.get_device_name(0), "rows": rows}, open(OUT, "w"), indent=2)


if __name__ == "__main__":
    main()
