"""python -m blindrec"""

from blindrec.cli import main

main()
