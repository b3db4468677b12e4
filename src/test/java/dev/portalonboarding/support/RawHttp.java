package dev.portalonboarding.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP/1.1 as bytes on a socket, for requests the JDK client will not send: any method, any Host header,
 * a request target that is not a valid URI, headers of any size. Each client connects from its own
 * loopback address, so per-client limits (such as the invitation guess limit) see a fresh client.
 */
public final class RawHttp {

    /** 127.0.20.1 onwards: away from the addresses other tests pick (127.0.0.x). */
    private static final AtomicInteger NEXT_SOURCE = new AtomicInteger();

    private final int port;
    private final InetAddress source;

    private RawHttp(int port, InetAddress source) {
        this.port = port;
        this.source = source;
    }

    /** A client from a loopback address no other RawHttp client of this run has used. */
    public static RawHttp fromFreshAddress(int port) {
        int n = NEXT_SOURCE.getAndIncrement();
        try {
            return new RawHttp(port, InetAddress.getByAddress(new byte[] {127, 0, (byte) (20 + n / 250), (byte) (1 + n % 250)}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {

        public Optional<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    /** A request with {@code Host: localhost}, {@code Connection: close} and a Content-Length for a body, unless given. */
    public Response send(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "localhost:" + port);
        all.put("Connection", "close");
        if (body != null) {
            all.put("Content-Length", String.valueOf(body.length));
        }
        all.putAll(headers);
        all.forEach((name, value) -> {
            if (value != null) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            request.writeBytes(body);
        }
        return sendBytes(request.toByteArray(), method.equals("HEAD"));
    }

    public Response get(String target, Map<String, String> headers) {
        return send("GET", target, headers, null);
    }

    /** Exactly these bytes on the wire; the answer is read until the server closes the connection. */
    public Response sendBytes(byte[] request, boolean head) {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(20_000);
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before reading all of an oversized request
            }
            return parse(readAll(socket.getInputStream()), head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // A reset after the answer (the server closed with unread request bytes): keep what arrived
            if (bytes.size() == 0) {
                throw e;
            }
        }
        return bytes.toByteArray();
    }

    private static Response parse(byte[] raw, boolean head) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("No HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        byte[] body = head ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            body = dechunked(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
