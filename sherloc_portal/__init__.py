"""SHERLOC portal: the small host portal the review add-ons plug into."""

from pyramid.config import Configurator

from .bodies import closing_bodies
from .resources.root import bootstrap, root_factory
from .zodb import run_in_transaction


def includeme(config) -> None:
    """Everything the portal registers, in the order it needs."""
    config.include(".settings")
    config.include(".extension")
    config.include(".clock")
    config.include("pyramid_chameleon")
    config.include("pyramid_tm")
    config.include("pyramid_retry")
    config.include(".zodb")
    config.include(".i18n")
    config.include(".security.policy")
    config.include(".mail")
    config.include(".forms")
    config.include(".views")
    config.include(".accounts")
    config.include(".api")
    config.include(".installer")


def main(global_config, **settings):
    """The WSGI application (``paste.app_factory``)."""
    settings.setdefault("tm.manager_hook", "pyramid_tm.explicit_manager")
    with Configurator(settings=settings, root_factory=root_factory) as config:
        config.include("sherloc_portal")
        app = config.make_wsgi_app()
    app.execution_policy = closing_bodies(app.execution_policy)
    if app.registry.sherloc_settings.bootstrap:
        run_in_transaction(app.registry.zodb, bootstrap, note="portal bootstrap")
    return app
