from vlr.cli import main

main(prog_name="vlr")
