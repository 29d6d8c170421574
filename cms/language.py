"""The reader's language: the cookie set by the footer switcher, never the browser's preference.

``reader_language`` is the one rule that ``portal_site.middleware.PortalLocaleMiddleware`` (which
activates the language) and ``cms.caching.page_cache`` (which keys cached pages on it) both
follow, so a cached page is always in the language it would have been rendered in.
"""

from django.conf import settings


def is_supported(language):
    return any(code == language for code, _name in settings.LANGUAGES)


def reader_language(request):
    """The language of the language cookie if the portal offers it, else ``LANGUAGE_CODE``."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if is_supported(language) else settings.LANGUAGE_CODE


def set_language_cookie(response, language):
    """Store ``language`` in the language cookie, with the attributes Django's set_language uses."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
