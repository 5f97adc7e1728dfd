# Capture what zsh's completion system offers for a command line, descriptions included, as a person
# pressing TAB would get it: an interactive zsh in a pseudo-terminal (zpty), compinit, the completion
# script as users install it, and compadd wrapped to write every candidate and description to a file.
# Usage: zsh -f capture.zsh OUT SCRIPT LINE
zmodload zsh/zpty
out=$1; script=$2; line=$3
zpty z zsh -f -i
zpty -w z "autoload -Uz compinit; compinit -u -d ${out}.zcompdump"
zpty -w z "source ${(q)script}"
zpty -w z 'compadd () { local -a __a=("$@") __h; local i d; for (( i=1; i<=$#__a; i++ )); do [[ $__a[i] == -d ]] && d=$__a[i+1]; done; builtin compadd -O __h "$@"; { [[ -n $d ]] && print -rl -- "${(P@)d}" } >> '${(q)out}'; builtin compadd "$@" }'
zpty -w -n z "$line"$'\t'
for i in {1..100}; do [[ -s $out ]] && break; sleep 0.1; done
sleep 0.3
zpty -d z
