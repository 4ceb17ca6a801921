# busybox httpd in the background of this shell, so the shell (PID 1) can trap docker stop's
# signal and end right away with exit 0, as nginx does (PID 1 without a handler ignores it).
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid"; exit 0' TERM INT QUIT
echo "docker-tutor nginx stand-in: busybox httpd on port 80, serving /usr/share/nginx/html"
httpd -f -v -p 80 -h /usr/share/nginx/html &
pid=$!
wait "$pid"
