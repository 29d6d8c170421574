"""Vietnamese first: the language comes from the reader's explicit choice, never the browser."""

from django.utils import translation
from django.utils.cache import patch_vary_headers

from cms.language import reader_language


class PortalLocaleMiddleware:
    """Activate the language stored in the language cookie, or ``LANGUAGE_CODE`` (Vietnamese).

    Django's LocaleMiddleware would follow Accept-Language and show English chrome to every
    visitor whose browser is English; a Vietnamese government portal speaks Vietnamese unless
    the reader asks for English with the switcher.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = reader_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
