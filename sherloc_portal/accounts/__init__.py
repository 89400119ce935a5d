"""(being written) Accounts: login, logout, password change and reset."""


def includeme(config) -> None:
    config.add_route("login", "/login")
    config.add_route("logout", "/logout")
    config.add_route("account", "/account")
