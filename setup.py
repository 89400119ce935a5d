"""SHERLOC Review: a Pyramid + ZODB portal and the UNTOC review-mechanism add-ons."""

from pathlib import Path

from setuptools import find_packages, setup

requires = [
    "pyramid>=2.0,<3",
    "pyramid_chameleon",
    "pyramid_tm",
    "pyramid_retry",
    "pyramid_mailer",
    "repoze.sendmail",
    "transaction",
    "ZODB>=6",
    "ZEO>=6",
    "zodburi",
    "BTrees",
    "cornice>=6,<7",
    "cornice_swagger",
    "colander>=2",
    "deform>=3",
    "argon2-cffi",
    "Babel",
    "waitress",
    # Offline work on a questionnaire: a PDF to read, a workbook to answer
    # and import back (defusedxml guards openpyxl against hostile XML).
    "fpdf2",
    "openpyxl",
    "defusedxml",
    # Arabic in the PDF is shaped by HarfBuzz (fpdf2 text shaping).
    "uharfbuzz",
    # cornice, deform and pyramid_chameleon still import pkg_resources.
    "setuptools<81",
]

testing = [
    "pytest",
    "WebTest",
    "hypothesis",
    "jsonschema",
    "playwright",
    "lingua",
    "polib",
    "ruff",
]

setup(
    name="sherloc-review",
    version="0.1.0",
    description=("SHERLOC Review: the UNTOC review mechanism as Pyramid/ZODB add-ons"),
    long_description=Path("README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="Apache-2.0",
    python_requires=">=3.11",
    packages=find_packages(include=["sherloc_portal*", "sherloc_review*"]),
    package_data={
        "": ["templates/*.pt", "templates/**/*.pt", "static/*", "static/**/*"]
    },
    include_package_data=True,
    zip_safe=False,
    install_requires=requires,
    extras_require={"testing": testing},
    entry_points={
        "paste.app_factory": ["main = sherloc_portal:main"],
        "console_scripts": [
            "sherloc-admin = sherloc_portal.scripts.admin:main",
            "sherloc-catalogues = sherloc_portal.scripts.catalogues:main",
            "sherloc-draw = sherloc_review.draw.cli:main",
            "sherloc-cycle = sherloc_review.cycle.cli:main",
            "sherloc-archive-check = sherloc_review.dialogue.archive_check:main",
        ],
    },
)
