from django.conf import settings

# No inline scripts or styles: every script and stylesheet is a static file of our own.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/v1/docs"):
            # The interactive API docs page ships its own inline bootstrap script.
            return response
        response.headers.setdefault("Content-Security-Policy", POLICY)
        if settings.HTTPS:
            response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
