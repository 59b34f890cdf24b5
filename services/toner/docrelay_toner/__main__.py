import sys

from docrelay_common.constants import Stage
from docrelay_common.stage import run_worker
from docrelay_toner.worker import app

run_worker(app, Stage.TONE, sys.argv[1:])
