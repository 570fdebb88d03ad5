# The local system's ports: the defaults of deploy/ports.env, each overridable in the environment.
while IFS='=' read -r _name _value; do
  case "$_name" in '' | '#'*) continue ;; esac
  if [ -z "${!_name:-}" ]; then
    printf -v "$_name" '%s' "$_value"
  fi
done < "$(dirname "${BASH_SOURCE[0]}")/ports.env"
unset _name _value
