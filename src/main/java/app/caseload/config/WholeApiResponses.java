package app.caseload.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An API answer of up to {@value #BUFFER_BYTES} bytes leaves in one write, with its
 * {@code Content-Length}, instead of in 8 KB chunks.
 *
 * <p>Spring's JSON converter flushes the response when it has written the body, which commits it at
 * once: Tomcat then sends a 19 KB client list chunked, in three writes (three system calls here, three
 * wake-ups of the caller's reader). This filter gives the response a buffer big enough for a page and
 * lets nothing but the end of the request flush it. A bigger answer (an export) still streams: the
 * buffer is written out each time it fills.
 */
final class WholeApiResponses extends OncePerRequestFilter {

    /** A 50-client page is about 19 KB of JSON; a FHIR Bundle of 50 Patients about 40 KB. */
    static final int BUFFER_BYTES = 64 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setBufferSize(BUFFER_BYTES);
        chain.doFilter(request, new FlushAtTheEnd(response));
    }

    /** The response, whose flushes wait for the end of the request (or a full buffer). */
    private static final class FlushAtTheEnd extends HttpServletResponseWrapper {

        private ServletOutputStream body;

        FlushAtTheEnd(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void flushBuffer() {
            // The container flushes when the request ends.
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (body == null) {
                ServletOutputStream real = super.getOutputStream();
                body = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        real.write(b);
                    }

                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        real.write(bytes, offset, length);
                    }

                    @Override
                    public void flush() {
                        // The container flushes when the request ends.
                    }

                    @Override
                    public void close() throws IOException {
                        real.close();
                    }

                    @Override
                    public boolean isReady() {
                        return real.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        real.setWriteListener(listener);
                    }
                };
            }
            return body;
        }
    }
}
