import sys

from docrelay_common.constants import Stage
from docrelay_common.stage import run_worker
from docrelay_reconstructor.worker import app

run_worker(app, Stage.RECONSTRUCT, sys.argv[1:])
