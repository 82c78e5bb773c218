"""Cross-checks the meter sidecar on a real GPU (run by run-on-gpu.sh on the device machine).

For each scenario (idle, full matmul load, a 50 % duty-cycle load) it opens one sidecar window of WINDOW seconds and,
around exactly the same interval, takes two independent readings:
  * the NVML total-energy counter read by this Python process through ctypes (not our code);
  * nvidia-smi's power.draw sampled every 100 ms by a separate process, integrated with the trapezoid rule.
It also samples the sidecar's own CPU time and RSS. Only NVML get-functions are called; the card's settings are
never touched.
"""
import ctypes, json, os, subprocess, sys, time, urllib.request

SIDECAR = os.environ.get("SIDECAR_URL", "http://127.0.0.1:9464")
WINDOW = float(os.environ.get("WINDOW_SECONDS", "30"))
OUT = os.environ.get("OUT", ".")
SIDECAR_PID = int(os.environ["SIDECAR_PID"])

nvml = ctypes.CDLL("libnvidia-ml.so.1")
assert nvml.nvmlInit_v2() == 0
handle = ctypes.c_void_p()
assert nvml.nvmlDeviceGetHandleByIndex_v2(0, ctypes.byref(handle)) == 0
uuid_buffer = ctypes.create_string_buffer(96)
assert nvml.nvmlDeviceGetUUID(handle, uuid_buffer, 96) == 0
UUID = uuid_buffer.value.decode()


def counter_joules():
    mj = ctypes.c_ulonglong()
    assert nvml.nvmlDeviceGetTotalEnergyConsumption(handle, ctypes.byref(mj)) == 0
    return mj.value / 1000.0


def post(path, body=None):
    data = json.dumps(body or {}).encode()
    request = urllib.request.Request(SIDECAR + path, data=data, headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def process_usage(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    rss_kib = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss_kib = int(line.split()[1])
    return cpu, rss_kib


def integrate_smi(path, start, stop):
    points = []
    with open(path) as f:
        for line in f:
            parts = [p.strip() for p in line.split(",")]
            if len(parts) != 2:
                continue
            try:
                points.append((float(parts[0]), float(parts[1])))
            except ValueError:
                pass
    inside = [(t, w) for t, w in points if start <= t <= stop]
    joules = sum((t2 - t1) * (w1 + w2) / 2 for (t1, w1), (t2, w2) in zip(inside, inside[1:]))
    return joules, len(inside)


LOAD = r"""
import sys, time, torch
duty = float(sys.argv[1]); seconds = float(sys.argv[2])
a = torch.randn(8192, 8192, device="cuda", dtype=torch.bfloat16); b = torch.randn_like(a)
end = time.time() + seconds
while time.time() < end:
    busy_until = time.time() + 0.2 * duty
    while time.time() < busy_until:
        c = a @ b
    torch.cuda.synchronize()
    if duty < 1: time.sleep(0.2 * (1 - duty))
"""


def scenario(name, duty):
    load = None
    if duty > 0:
        load = subprocess.Popen([sys.executable, "-c", LOAD, str(duty), str(WINDOW + 12)])
        time.sleep(8)  # CUDA start-up and clocks ramp outside the window
    cpu0, _ = process_usage(SIDECAR_PID)
    before = counter_joules()
    t0 = time.time()
    window = post("/v1/windows", {"phase": name})
    after_start = counter_joules()
    rss_peak = 0
    while time.time() < t0 + WINDOW:
        time.sleep(0.5)
        rss_peak = max(rss_peak, process_usage(SIDECAR_PID)[1])
    before_stop = counter_joules()
    t1 = time.time()
    measurement = post(f"/v1/windows/{window['id']}/stop")
    after = counter_joules()
    t2 = time.time()
    cpu1, _ = process_usage(SIDECAR_PID)
    if load:
        load.wait()
    reading = next(r for r in measurement["readings"] if r["source"] == "nvml" and r.get("device") == UUID)
    smi_joules, smi_samples = integrate_smi(os.path.join(OUT, "smi.csv"), t0, t1)
    # The independent counter brackets each HTTP call: the window opened between `before` and `after_start` and closed
    # between `before_stop` and `after`; the midpoints are the best estimate, the brackets the bounds.
    independent = (before_stop + after) / 2 - (before + after_start) / 2
    bracket_low, bracket_high = before_stop - after_start, after - before
    return {
        "scenario": name,
        "duty": duty,
        "windowSeconds": measurement["durationSeconds"],
        "sidecarJoules": reading["joules"],
        "sidecarMethod": reading["method"],
        "sidecarSamples": reading["samples"],
        "sidecarPeakWatts": reading.get("peakWatts"),
        "independentCounterJoules": independent,
        "independentCounterBracket": [bracket_low, bracket_high],
        "ratioToCounter": reading["joules"] / independent,
        "smiJoules": smi_joules,
        "smiSamples": smi_samples,
        "ratioToSmi": reading["joules"] / smi_joules if smi_joules else None,
        "sidecarCpuSeconds": cpu1 - cpu0,
        "sidecarCpuPercentOfOneCore": 100 * (cpu1 - cpu0) / (t2 - t0),
        "sidecarPeakRssMiB": rss_peak / 1024,
    }


if __name__ == "__main__":
    smi = subprocess.Popen(
        ["nvidia-smi", "--query-gpu=timestamp,power.draw", "--format=csv,noheader,nounits", "-lms", "100", "-i", "0"],
        stdout=subprocess.PIPE, text=True)
    # nvidia-smi stamps each sample with local wall-clock time; convert to epoch seconds (its pipe may be buffered,
    # so arrival time would be wrong).
    import datetime, threading
    smi_log = open(os.path.join(OUT, "smi.csv"), "w")
    def pump():
        for line in smi.stdout:
            stamp, watts = [p.strip() for p in line.split(",")]
            epoch = datetime.datetime.strptime(stamp, "%Y/%m/%d %H:%M:%S.%f").timestamp()
            smi_log.write(f"{epoch},{watts}\n"); smi_log.flush()
    threading.Thread(target=pump, daemon=True).start()
    time.sleep(2)
    results = [scenario("idle", 0), scenario("matmul-full", 1.0), scenario("matmul-half", 0.5)]
    smi.terminate()
    sources = json.loads(urllib.request.urlopen(SIDECAR + "/v1/sources", timeout=10).read())
    report = {"gpu": UUID, "sources": sources, "results": results}
    with open(os.path.join(OUT, "gpu-verify.json"), "w") as f:
        json.dump(report, f, indent=2)
    print(json.dumps(report, indent=2))
    print(f"{'scenario':<14}{'sidecar J':>12}{'counter J':>12}{'ratio':>9}{'smi J':>12}{'ratio':>9}{'cpu %':>8}{'rss MiB':>9}")
    for r in results:
        print(f"{r['scenario']:<14}{r['sidecarJoules']:>12.1f}{r['independentCounterJoules']:>12.1f}{r['ratioToCounter']:>9.4f}"
              f"{r['smiJoules']:>12.1f}{(r['ratioToSmi'] or 0):>9.4f}{r['sidecarCpuPercentOfOneCore']:>8.2f}{r['sidecarPeakRssMiB']:>9.1f}")
