# Tries the network. It never sends a packet: if an AF_INET socket can be
# created at all, it reports that at once instead of connecting.
import socket


def probe():
    problems = []
    for family in (socket.AF_INET, socket.AF_INET6):
        try:
            s = socket.socket(family, socket.SOCK_STREAM)
        except OSError:
            continue
        s.close()
        problems.append(f"socket({family}) allowed")
    # No socket() at all: an AF_UNIX socket could connect to socket files on the host.
    try:
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close()
        problems.append("socket(AF_UNIX) allowed")
    except OSError:
        pass
    if problems:
        return "; ".join(problems)
    # AF_UNIX stays allowed (local IPC inside the run).
    try:
        a, b = socket.socketpair(socket.AF_UNIX)
        a.close()
        b.close()
    except OSError as e:
        return f"AF_UNIX socketpair denied: {e}"
    # Both attempts stop at socket() (denied above), so no packet is ever sent.
    for address in (("127.0.0.1", 22), ("192.0.2.1", 9)):
        try:
            socket.create_connection(address, timeout=1).close()
            return f"connected to {address[0]}"
        except OSError:
            pass
    return "ok"
