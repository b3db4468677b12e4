package dev.portalonboarding.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A cookie jar that, like browsers, treats {@code http://localhost} as a secure origin: it keeps and
 * sends {@code Secure} cookies there. The tests' public base URL is https, so the service marks its
 * cookies Secure while tests talk plain HTTP to it.
 */
class LocalhostCookieManager extends CookieManager {

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
        return super.get(secure(uri), requestHeaders);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
        super.put(secure(uri), responseHeaders);
    }

    private static URI secure(URI uri) {
        if (!"http".equals(uri.getScheme()) || !"localhost".equals(uri.getHost())) {
            return uri;
        }
        return URI.create("https" + uri.toString().substring("http".length()));
    }
}
