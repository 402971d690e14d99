import time

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Ukrainian unless the person chose another language with the switch.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    library PCs often run an English or Russian browser, and the UI must still
    open in Ukrainian.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class SessionIdleRefreshMiddleware:
    """Push a session's expiry forward while it is used, at most once a minute.

    Sessions end after SESSION_COOKIE_AGE of no requests. Django's
    SESSION_SAVE_EVERY_REQUEST would do the same with a database write on every
    request; refreshing once a minute ends an idle session between 29 and 30
    minutes after the last request and saves most of those writes.
    """

    REFRESH_SECONDS = 60
    KEY = "_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.REFRESH_SECONDS:
                session[self.KEY] = now  # marks it modified: saved with a new expiry
        return response
