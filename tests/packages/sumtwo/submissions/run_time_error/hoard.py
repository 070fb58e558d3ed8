# Memory limit exceeded: the format has no MLE verdict, it counts as a run-time error.
x = [bytearray(1 << 20) for _ in range(10000)]
