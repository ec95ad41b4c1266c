# bash completion for policylint (installed to share/bash-completion/completions/policylint)
_policylint() {
  local cur prev cmd i
  COMPREPLY=()
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  cmd=check
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
      check|simulate|diff|graph|rules|explain|catalog|formats) cmd="${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
    -f|--format)
      if [[ $cmd == graph ]]; then
        COMPREPLY=($(compgen -W "dot mermaid" -- "$cur"))
      elif [[ $cmd == rules ]]; then
        COMPREPLY=($(compgen -W "text json markdown" -- "$cur"))
      elif [[ $cmd == diff || $cmd == simulate ]]; then
        COMPREPLY=($(compgen -W "text json sarif" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" formats 2>/dev/null)" -- "$cur"))
      fi
      return ;;
    --fail-on) COMPREPLY=($(compgen -W "error warning note none" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --kind) COMPREPLY=($(compgen -W "identity trust resource" -- "$cur")); return ;;
    --policy-type) COMPREPLY=($(compgen -W "identity resource trust scp rcp boundary session" -- "$cur")); return ;;
    --account-scope) COMPREPLY=($(compgen -W "file run" -- "$cur")); return ;;
    --input-format) COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" formats --input 2>/dev/null)" -- "$cur")); return ;;
    -o|--output|--catalog|--request|--resource-policy|--scp|--rcp|--config|--baseline|--write-baseline) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --rules) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --select|--ignore|--exclude|--stdin-filename|--max-file-size|-j|--jobs|--max-depth|--max-statements|--git-base|--document) return ;;
  esac
  if [[ $cur == -* ]]; then
    case "$cmd" in
      check) COMPREPLY=($(compgen -W "--format --output --select --ignore --exclude --kind --policy-type --scp --rcp --input-format --account-scope --stdin-filename
                                      --fail-on --exit-zero --fix --diff --color --quiet --max-file-size --jobs --max-depth
                                      --max-statements --catalog --config --no-config --baseline --write-baseline
                                      --fail-on-stale --rules --help --version" -- "$cur")) ;;
      simulate) COMPREPLY=($(compgen -W "--action --resource --principal --context --request --resource-policy --scp --rcp --format --kind --input-format
                                         --document --help" -- "$cur")) ;;
      diff) COMPREPLY=($(compgen -W "--git-base --format --output --kind --input-format --help" -- "$cur")) ;;
      graph) COMPREPLY=($(compgen -W "--format --output --all --exclude --input-format --help" -- "$cur")) ;;
      formats) COMPREPLY=($(compgen -W "--input --help" -- "$cur")) ;;
      rules) COMPREPLY=($(compgen -W "--format --rules --help" -- "$cur")) ;;
      explain) COMPREPLY=($(compgen -W "--rules --help" -- "$cur")) ;;
      *) COMPREPLY=($(compgen -W "--help" -- "$cur")) ;;
    esac
    return
  fi
  if ((COMP_CWORD == 1)); then
    COMPREPLY=($(compgen -W "check simulate diff graph rules explain catalog formats" -- "$cur"))
  fi
  [[ $cmd == rules || $cmd == explain ]] && return
  COMPREPLY+=($(compgen -f -- "$cur"))
}
complete -o filenames -F _policylint policylint
