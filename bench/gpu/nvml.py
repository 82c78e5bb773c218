"""NVML's total-energy counter of GPU 0 through ctypes (the GPU machine has the driver's libnvidia-ml, not pynvml)."""
import ctypes


class Nvml:
    def __init__(self):
        self.lib = ctypes.CDLL("libnvidia-ml.so.1")
        self.check(self.lib.nvmlInit_v2())
        self.handle = ctypes.c_void_p()
        self.check(self.lib.nvmlDeviceGetHandleByIndex_v2(0, ctypes.byref(self.handle)))

    def millijoules(self):
        value = ctypes.c_ulonglong()
        self.check(self.lib.nvmlDeviceGetTotalEnergyConsumption(self.handle, ctypes.byref(value)))
        return value.value

    def name(self):
        buffer = ctypes.create_string_buffer(96)
        self.check(self.lib.nvmlDeviceGetName(self.handle, buffer, ctypes.c_uint(96)))
        return buffer.value.decode()

    @staticmethod
    def check(code):
        if code != 0:
            raise RuntimeError(f"NVML returned {code}")
