"""Authentication backends."""

from axes.backends import AxesStandaloneBackend


class AxesBackendForTests(AxesStandaloneBackend):
    """django-axes, except that a call without a request (Django's ``Client.login()``) is
    passed on to the next backend instead of raising. Test settings only: every request that
    reaches the portal over HTTP carries a request, so the lockout applies to all of them."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
