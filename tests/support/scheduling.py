"""How `make test` shares the suite between its two test processes.

Per file, as `--dist loadfile` does, except that each directory whose tests share one session stack
(`tests/e2e` with the web page's tests, `tests/hardening`) goes to one process whole: each process that
runs any of them starts that stack itself, and a start costs ~25 s of CPU. The stacks go out first, so
the files left over fill the gaps at the end.
"""

from xdist.scheduler import LoadScopeScheduling

# A file under one of these runs in the process that runs the rest of the directory.
SHARED_STACK_DIRECTORIES = ("tests/e2e/", "tests/hardening/")


class SharedStackScheduling(LoadScopeScheduling):
    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.split("::", 1)[0]
        return next((directory for directory in SHARED_STACK_DIRECTORIES if path.startswith(directory)), path)
