# Output limit exceeded: the format has no OLE verdict, it counts as a wrong answer.
while True:
    print("x" * 1000)
