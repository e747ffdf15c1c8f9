package com.withcoherence.events.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * One HTTP exchange held in memory, handed to {@link EndpointHandler} exactly as the JDK's HTTP server hands it one
 * over a socket: request line, headers and body in, status, headers and body out. The fuzz targets drive the handler
 * through it so that an input costs no socket, and a body cut short is an {@link IOException} after a chosen number
 * of bytes, as the server's stream throws when the client goes away.
 */
final class InMemoryExchange extends HttpExchange {

    private final String method;
    private final Headers requestHeaders;
    private final Headers responseHeaders = new Headers();
    private final InputStream requestBody;
    private final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
    private final Map<String, Object> attributes = new HashMap<>();
    private int status = -1;
    private long declaredResponseLength = Long.MIN_VALUE;
    private int closes;

    /**
     * An exchange whose request body is {@code body}, cut short after {@code cutAfter} bytes when that is less than
     * its length (a read past it throws, as a reset connection does).
     */
    InMemoryExchange(String method, Headers requestHeaders, byte[] body, int cutAfter) {
        this.method = method;
        this.requestHeaders = requestHeaders;
        this.requestBody = new CutShortStream(body, cutAfter);
    }

    /** The status sent, or -1 if the handler sent none. */
    int status() {
        return status;
    }

    /** The response body's bytes. */
    byte[] body() {
        return responseBody.toByteArray();
    }

    /** The length the handler declared in {@code sendResponseHeaders}: -1 for none, 0 for chunked. */
    long declaredResponseLength() {
        return declaredResponseLength;
    }

    /** How many times the handler closed the exchange. */
    int closes() {
        return closes;
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return URI.create("/");
    }

    @Override
    public String getRequestMethod() {
        return method;
    }

    @Override
    public HttpContext getHttpContext() {
        throw new UnsupportedOperationException("the endpoint's handler does not use its context");
    }

    @Override
    public void close() {
        closes++;
    }

    @Override
    public InputStream getRequestBody() {
        return requestBody;
    }

    @Override
    public OutputStream getResponseBody() {
        return responseBody;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (status != -1) {
            throw new IOException("headers already sent");
        }
        status = code;
        declaredResponseLength = length;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return new InetSocketAddress("127.0.0.1", 4010);
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        throw new UnsupportedOperationException("the endpoint's handler does not replace the streams");
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    /** The request body, which throws once {@code cutAfter} bytes were read if the body is longer. */
    private static final class CutShortStream extends InputStream {
        private final byte[] bytes;
        private final int end;
        private int position;

        CutShortStream(byte[] bytes, int cutAfter) {
            this.bytes = bytes;
            this.end = Math.min(bytes.length, Math.max(0, cutAfter));
        }

        private boolean cut() {
            return end < bytes.length;
        }

        @Override
        public int read() throws IOException {
            if (position >= end) {
                if (cut()) {
                    throw new IOException("connection reset by the client");
                }
                return -1;
            }
            return bytes[position++] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position >= end) {
                if (cut()) {
                    throw new IOException("connection reset by the client");
                }
                return -1;
            }
            int n = Math.min(length, end - position);
            System.arraycopy(bytes, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
