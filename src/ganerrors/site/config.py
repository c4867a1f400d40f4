"""What the site needs from `mkdocs.yml`: where the repository is, and its links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

COLAB = "https://colab.research.google.com/github"


@dataclass(frozen=True)
class SiteConfig:
    repo_url: str  # https://github.com/OWNER/NAME
    edit_uri: str  # edit/BRANCH/docs/
    site_url: str

    @classmethod
    def read(cls, root: Path) -> SiteConfig:
        """From `root/mkdocs.yml`, without MkDocs (for the command line and the tests)."""
        data = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        return cls.of(data)

    @classmethod
    def of(cls, config: Any) -> SiteConfig:
        """From MkDocs' loaded config, or the same keys in a dict."""
        return cls(
            repo_url=str(config["repo_url"]).rstrip("/"),
            edit_uri=str(config.get("edit_uri") or "edit/main/docs/"),
            site_url=str(config["site_url"]),
        )

    @property
    def branch(self) -> str:
        match = re.match(r"(?:edit|blob)/([^/]+)/", self.edit_uri)
        return match.group(1) if match else "main"

    @property
    def github_path(self) -> str:
        """OWNER/NAME of a GitHub repository."""
        match = re.fullmatch(r"https://github\.com/([^/]+/[^/]+?)(?:\.git)?", self.repo_url)
        if match is None:
            raise ValueError(f"repo_url {self.repo_url!r} is not a GitHub repository")
        return match.group(1)

    def blob(self, path: str) -> str:
        """The page of a repository file on GitHub."""
        return f"{self.repo_url}/blob/{self.branch}/{path}"

    def tree(self, path: str) -> str:
        """The page of a repository folder on GitHub."""
        return f"{self.repo_url}/tree/{self.branch}/{path}"

    def edit(self, path: str) -> str:
        return f"{self.repo_url}/edit/{self.branch}/{path}"

    def colab(self, path: str) -> str:
        """Colab's page that opens a notebook of the repository."""
        return f"{COLAB}/{self.github_path}/blob/{self.branch}/{path}"
