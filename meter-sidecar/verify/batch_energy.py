"""Energy per sample of the same transformer inference at several batch sizes, metered by the sidecar (run-batch-energy.sh).

A BERT-base-sized classifier (transformers' BertConfig defaults, random weights: energy and throughput depend on the
shapes, not on the values, so no download is needed), fp16 on the GPU, 4,096 sequences of 128 tokens. Each batch size
gets one sidecar window around whole passes over all sequences, repeated until the window lasts at least
MIN_WINDOW seconds (a short window is dominated by the energy counter's update granularity), after a warm-up outside it.
"""
import json, os, time, urllib.request
import torch
from transformers import BertConfig, BertForSequenceClassification

SIDECAR = os.environ.get("SIDECAR_URL", "http://127.0.0.1:9464")
SAMPLES, LENGTH = 4096, 128
MIN_WINDOW = float(os.environ.get("MIN_WINDOW_SECONDS", "5"))


def post(path, body=None):
    request = urllib.request.Request(SIDECAR + path, data=json.dumps(body or {}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


torch.manual_seed(0)
model = BertForSequenceClassification(BertConfig(num_labels=2)).half().cuda().eval()
ids = torch.randint(1000, 30000, (SAMPLES, LENGTH), device="cuda")
mask = torch.ones_like(ids)

rows = []
with torch.inference_mode():
    for batch in (1, 8, 64, 256):
        for start in range(0, min(SAMPLES, 16 * batch), batch):  # warm-up: kernels chosen, clocks up
            model(input_ids=ids[start:start + batch], attention_mask=mask[start:start + batch])
        torch.cuda.synchronize()
        window = post("/v1/windows", {"phase": f"batch-{batch}"})
        started, passes = time.perf_counter(), 0
        while passes == 0 or time.perf_counter() - started < MIN_WINDOW:
            for start in range(0, SAMPLES, batch):
                model(input_ids=ids[start:start + batch], attention_mask=mask[start:start + batch])
            torch.cuda.synchronize()
            passes += 1
        seconds = time.perf_counter() - started
        samples = passes * SAMPLES
        measurement = post(f"/v1/windows/{window['id']}/stop")
        gpu = [r for r in measurement["readings"] if r["source"] == "nvml"]
        joules = sum(r["joules"] for r in gpu)
        rows.append({"batch": batch, "samples": samples, "seconds": seconds, "samplesPerSecond": samples / seconds, "joules": joules,
                     "joulesPerSample": joules / samples, "averageWatts": joules / measurement["durationSeconds"],
                     "method": gpu[0]["method"], "tooShort": any(r["tooShort"] for r in gpu)})

base = rows[0]["joulesPerSample"]
print(json.dumps(rows, indent=2))
print(f"{'batch':>6}{'seconds':>10}{'samples/s':>12}{'joules':>10}{'mJ/sample':>12}{'avg W':>8}{'vs batch 1':>12}")
for r in rows:
    print(f"{r['batch']:>6}{r['seconds']:>10.2f}{r['samplesPerSecond']:>12.0f}{r['joules']:>10.1f}"
          f"{1000 * r['joulesPerSample']:>12.2f}{r['averageWatts']:>8.0f}{r['joulesPerSample'] / base:>12.3f}")
with open(os.path.join(os.environ.get("OUT", "."), "batch-energy.json"), "w") as f:
    json.dump(rows, f, indent=2)
