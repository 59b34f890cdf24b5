from docrelay_cli.main import app

app(prog_name="docrelay")
