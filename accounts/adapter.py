"""allauth hooks: the client address read the one way the meter reads it."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from .network import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        """allauth's rate limits count per client address: the meter's (accounts/network.py),
        so that both trust the same proxies the same way."""
        return client_address(request)
