package io.pgpulse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy for fault tests: it counts connection attempts and can forward to a real
 * server or stall (accept, then never answer; also mid-session via {@link #stall()}).
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger accepted = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong bytesToClient = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong bytesToServer = new java.util.concurrent.atomic.AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean silent;
    private volatile boolean closed;

    private TcpProxy(int targetPort, boolean silent) throws IOException {
        this.targetPort = targetPort;
        this.silent = silent;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "tcp-proxy-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** Forwards every byte to a server on localhost. */
    public static TcpProxy forwardingTo(int port) throws IOException {
        return new TcpProxy(port, false);
    }

    /** Accepts TCP connections and never sends a byte: a hung server or a black-holing proxy. */
    public static TcpProxy silent() throws IOException {
        return new TcpProxy(-1, true);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public int acceptedConnections() {
        return accepted.get();
    }

    /** From now on, stop passing bytes in either direction on every connection (a network stall). */
    public void stall() {
        silent = true;
    }

    /** Passes bytes again. */
    public void resume() {
        silent = false;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                sockets.add(client);
                if (targetPort < 0) {
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(upstream);
                pump(client.getInputStream(), upstream.getOutputStream(), client, upstream, bytesToServer);
                pump(upstream.getInputStream(), client.getOutputStream(), client, upstream, bytesToClient);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** Bytes the server sent to clients through this proxy so far. */
    public long bytesToClient() {
        return bytesToClient.get();
    }

    public long bytesToServer() {
        return bytesToServer.get();
    }

    private void pump(InputStream in, OutputStream out, Socket a, Socket b, java.util.concurrent.atomic.AtomicLong counter) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    while (silent && !closed) {
                        // A stalled link holds the bytes; parking briefly keeps the pump cheap.
                        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                    counter.addAndGet(n);
                }
            } catch (IOException ignored) {
                // the other side went away; close both
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Drops every open connection, as a crashed proxy or a restarted server would. */
    public void dropConnections() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropConnections();
    }
}
