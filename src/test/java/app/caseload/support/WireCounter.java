package app.caseload.support;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * PgJDBC's socket factory in the tests ({@code socketFactory} connection property, set by {@link
 * IntegrationTest}): plain sockets whose writes are counted by {@link StatementCounter}. PgJDBC
 * buffers a round trip's messages and writes them at once, so the writes a request thread makes are
 * its round trips as the database sees them; a statement count misses the ones the driver adds on
 * its own (a lone Sync before a described statement, a describe for an untyped parameter).
 */
public class WireCounter extends SocketFactory {

    @Override
    public Socket createSocket() {
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new CountingSocket(), new java.net.InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new CountingSocket(), new java.net.InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket(address, port);
    }

    private static Socket connected(Socket socket, java.net.SocketAddress address) throws IOException {
        socket.connect(address);
        return socket;
    }

    private static final class CountingSocket extends Socket {

        private OutputStream counted;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (counted == null) {
                counted = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        StatementCounter.wrote();
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void write(int b) throws IOException {
                        StatementCounter.wrote();
                        out.write(b);
                    }
                };
            }
            return counted;
        }
    }
}
